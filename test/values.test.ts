/** Value parsing, checked against results measured on real servers (docs/reference/server-facts.md#value-parsing-by-type). */
import type { ParamInfo } from '../src/catalog/types.js';
import { parseBool, parseValue } from '../src/catalog/values.js';
import { formatG, strtod, strtol } from '../src/catalog/cnum.js';

const param = (over: Partial<ParamInfo>): ParamInfo => ({
  name: 'x', type: 'integer', unit: null, min: 0, max: 2147483647, enumValues: null, default: '0', context: 'user', category: '', description: '', ...over,
});
const workMem = param({ name: 'work_mem', unit: 'kB', min: 64 });
const sharedBuffers = param({ name: 'shared_buffers', unit: '8kB', min: 16, max: 1073741823 });
const statementTimeout = param({ name: 'statement_timeout', unit: 'ms' });
const checkpointTimeout = param({ name: 'checkpoint_timeout', unit: 's', min: 30, max: 86400 });
const maxConnections = param({ name: 'max_connections', min: 1, max: 262143 });
const value = (p: ParamInfo, v: string, version = 17): unknown => {
  const r = parseValue(p, v, version);
  return r.ok ? r.value : r.problem.message;
};

describe('integers, units and rounding', () => {
  test.each([
    [workMem, '8MB', 8192],
    [workMem, "' 64 kB '", 'quoted'],
    [workMem, '1.5MB', 1536],
    [workMem, '1e4', 10000],
    [workMem, '100.6', 101],
    [workMem, '100.5', 100],
    [workMem, '100000B', 98],
    [workMem, '0x100', 256],
    [workMem, '0100', 64],
    [workMem, '0xFFkB', 255],
    [statementTimeout, '1500us', 2],
    [statementTimeout, '2500us', 2],
    [checkpointTimeout, '1.5min', 90],
    [sharedBuffers, '1000kB', 125],
    [sharedBuffers, '128MB', 16384],
  ])('%#: %s', (p, input, expected) => {
    if (expected === 'quoted') expect(value(p, ' 64 kB ')).toBe(64);
    else expect(value(p, input)).toBe(expected);
  });

  test('the server refuses what it refuses, with its own words', () => {
    expect(value(workMem, '08')).toBe('invalid value for parameter "work_mem": "08"');
    expect(value(workMem, '8KB')).toBe('invalid value for parameter "work_mem": "8KB"');
    expect(value(workMem, '5min')).toBe('invalid value for parameter "work_mem": "5min"');
    expect(value(maxConnections, '100kB')).toBe('invalid value for parameter "max_connections": "100kB"');
    expect(value(workMem, '99999999999')).toBe('invalid value for parameter "work_mem": "99999999999"');
    expect(value(workMem, 'inf')).toBe('invalid value for parameter "work_mem": "inf"');
    expect(value(workMem, '10', 16)).toBe('10 kB is outside the valid range for parameter "work_mem" (64 .. 2147483647)');
    expect(value(workMem, '10', 17)).toBe('10 kB is outside the valid range for parameter "work_mem" (64 kB .. 2147483647 kB)');
    expect(value(sharedBuffers, '12', 16)).toBe('12 8kB is outside the valid range for parameter "shared_buffers" (16 .. 1073741823)');
  });
});

describe('booleans', () => {
  test.each([
    ['on', true], ['ON', true], ['of', false], ['off', false], ['t', true], ['tru', true], ['yes', true], ['y', true],
    ['n', false], ['1', true], ['0', false],
    ['o', null], ['2', null], ['enabled', null], [' on', null], ['on ', null], ['', null], ['truex', null], ['10', null],
  ])('%s', (input, expected) => {
    expect(parseBool(input)).toBe(expected);
  });
});

describe('C number parsing', () => {
  test('strtol base 0', () => {
    expect(strtol('0x1B')).toEqual({ value: 27, end: 4, range: false });
    expect(strtol('08')).toEqual({ value: 0, end: 1, range: false });
    expect(strtol('  -12ab').value).toBe(-12);
    expect(strtol('0x').end).toBe(1);
    expect(strtol('abc').end).toBe(0);
  });
  test('strtod', () => {
    expect(strtod('.5').value).toBe(0.5);
    expect(strtod('1e-1').value).toBe(0.1);
    expect(strtod('0x1p3').value).toBe(8);
    expect(strtod('infinity').value).toBe(Infinity);
    expect(strtod('1e400').range).toBe(true);
    expect(strtod('1.5GB')).toEqual({ value: 1.5, end: 3, range: false });
  });
  test('%g', () => {
    expect(formatG(0.5)).toBe('0.5');
    expect(formatG(1e10)).toBe('1e+10');
    expect(formatG(1.79769e308)).toBe('1.79769e+308');
    expect(formatG(100)).toBe('100');
    expect(formatG(0.0001)).toBe('0.0001');
    expect(formatG(0.00001)).toBe('1e-05');
  });
});
