/** YAML as the consumers of carriers read it, and the guards against hostile documents. */
import { InputError } from '../../src/resolve/load.js';
import { sourceFromText } from '../../src/carriers/source.js';
import { get, nestingBound, pythonFloat, readYaml, resolveScalar, splitDocuments, type Dialect } from '../../src/carriers/yaml.js';

function value(yamlText: string, dialect: Dialect): { text: string | null; type: string } {
  const { docs } = readYaml(sourceFromText(`v: ${yamlText}\n`, 'x.yaml'));
  const yd = docs[0]!;
  const v = resolveScalar(yd, get(yd, yd.root, 'v'), dialect);
  return { text: v.text, type: v.type };
}

test('YAML 1.1 booleans: Patroni and Ansible pass on Python str() of them, Kubernetes sees booleans, compose strings', () => {
  expect(value('on', 'python')).toEqual({ text: 'True', type: 'bool' });
  expect(value('Off', 'python')).toEqual({ text: 'False', type: 'bool' });
  expect(value('yes', 'python')).toEqual({ text: 'True', type: 'bool' });
  // PyYAML has no y/n booleans; go-yaml v2 (Kubernetes, Helm) has
  expect(value('y', 'python')).toEqual({ text: 'y', type: 'string' });
  expect(value('y', 'k8s')).toEqual({ text: 'true', type: 'bool' });
  expect(value('on', 'k8s')).toEqual({ text: 'true', type: 'bool' });
  expect(value('on', 'yaml12')).toEqual({ text: 'on', type: 'string' });
  expect(value('"on"', 'k8s')).toEqual({ text: 'on', type: 'string' });
  expect(value("'off'", 'python')).toEqual({ text: 'off', type: 'string' });
});

test('numbers, nulls and units as the consumers read them', () => {
  expect(value('0600', 'python')).toEqual({ text: '384', type: 'int' });
  expect(value('0600', 'yaml12')).toEqual({ text: '600', type: 'int' });
  expect(value('1_000', 'python')).toEqual({ text: '1000', type: 'int' });
  expect(value('1:30', 'python')).toEqual({ text: '90', type: 'int' });
  expect(value('0.9', 'python')).toEqual({ text: '0.9', type: 'float' });
  expect(value('10.0', 'python')).toEqual({ text: '10.0', type: 'float' });
  // PyYAML needs a sign in the exponent: 1e3 is a string there
  expect(value('1e3', 'python')).toEqual({ text: '1e3', type: 'string' });
  expect(value('~', 'python')).toEqual({ text: 'None', type: 'null' });
  expect(value('', 'python')).toEqual({ text: 'None', type: 'null' });
  expect(value('~', 'k8s')).toEqual({ text: null, type: 'null' });
  expect(value('12.5Mb', 'python')).toEqual({ text: '12.5Mb', type: 'string' });
  expect(value('128MB', 'k8s')).toEqual({ text: '128MB', type: 'string' });
});

test("Python's float repr", () => {
  expect(pythonFloat(0.1)).toBe('0.1');
  expect(pythonFloat(1e16)).toBe('1e+16');
  expect(pythonFloat(1e15)).toBe('1000000000000000.0');
  expect(pythonFloat(0.0001)).toBe('0.0001');
  expect(pythonFloat(0.00001)).toBe('1e-05');
  expect(pythonFloat(2.5e-7)).toBe('2.5e-07');
});

test('a stream splits at document markers only at the start of a line', () => {
  const text = 'a: 1\n---\nb: |\n  x --- y\n---\n# only a comment\n...\nc: 2\n';
  expect(splitDocuments(text).map((d) => text.slice(d.start, d.end).trim())).toEqual(['a: 1', '---\nb: |\n  x --- y', 'c: 2']);
});

test('aliases and merge keys are followed, and bounded', () => {
  const { docs } = readYaml(sourceFromText('base: &b\n  work_mem: 4MB\np:\n  <<: *b\n  max_connections: "10"\n', 'x.yaml'));
  const yd = docs[0]!;
  expect(resolveScalar(yd, get(yd, yd.root, 'p', 'work_mem'), 'k8s').text).toBe('4MB');
  expect(resolveScalar(yd, get(yd, yd.root, 'p', 'max_connections'), 'k8s').text).toBe('10');
});

test('a billion-laughs document costs nothing: pgvet expands only what it reads', () => {
  let s = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 30; i++) s += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  s += 'kind: Cluster\n';
  const t = Date.now();
  const { docs } = readYaml(sourceFromText(s, 'bomb.yaml'));
  expect(docs).toHaveLength(1);
  expect(Date.now() - t).toBeLessThan(5000);
});

test('deep nesting is refused before the parser recurses', () => {
  expect(nestingBound('a:\n  b:\n    c: [1, {d: 2}]\n')).toBe(5);
  const deep = `a: ${'['.repeat(10000)}${']'.repeat(10000)}\n`;
  expect(() => readYaml(sourceFromText(deep, 'deep.yaml'))).toThrow(InputError);
  expect(() => readYaml(sourceFromText(deep, 'deep.yaml'))).toThrow(/deep.yaml:1: YAML nested more than 256 levels deep/);
  const blocks = Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
  expect(() => readYaml(sourceFromText(blocks, 'blocks.yaml'))).toThrow(/nested more than 256/);
});

test('templates that are not YAML are recognised as templates', () => {
  const { docs, problems } = readYaml(sourceFromText('kind: Cluster\nspec:\n  instances: {{ .Values.instances }}\n', 't.yaml'));
  expect(docs).toHaveLength(0);
  expect(problems).toEqual([{ message: expect.any(String), at: { file: 't.yaml', line: 3, column: 14 }, template: true }]);
});
