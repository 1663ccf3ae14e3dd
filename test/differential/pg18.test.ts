import { differentialSuite } from '../support/differential.js';

differentialSuite(18);
