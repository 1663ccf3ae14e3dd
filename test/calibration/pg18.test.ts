import { calibrationSuite } from './suite.js';

calibrationSuite(18);
