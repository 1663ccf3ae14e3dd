import { calibrationSuite } from './suite.js';

calibrationSuite(17);
