/** pgvet's HCL reader: the constructs Terraform files use, with exact offsets, and clear errors. */
import { attr, blocks, HclError, parseHcl, type HclExpr } from '../../src/carriers/hcl.js';
import { readCarriers, STDIN } from '../../src/carriers/read.js';

const src = `
# comment
// another
/* block
   comment */
resource "aws_db_parameter_group" "pg" {
  name   = "pg-\${var.env}"
  family = "postgres16"
  count  = var.enabled ? 1 : 0
  tags   = { Name = "db", "team" : "x" }
  list   = [1, -2.5, true, null, "a\\"b", <<-EOT
    heredoc text
      indented
    EOT
  ]
  parameter {
    name  = "work_mem"
    value = 4096
  }
  parameter { name = "x"
    value = upper("y") }
  flags = [for f in var.flags : f.name]
  idx   = aws_db_instance.db[0].id
  dollars = "$\${literal}"
}
`;

const body = parseHcl(src);
const r = blocks(body, 'resource')[0]!;

test('blocks, labels, attributes', () => {
  expect(r.labels).toEqual(['aws_db_parameter_group', 'pg']);
  expect(blocks(r.body, 'parameter')).toHaveLength(2);
  expect(attr(blocks(r.body, 'parameter')[0]!.body, 'value')!.value).toMatchObject({ kind: 'literal', value: 4096 });
  expect(attr(blocks(r.body, 'parameter')[1]!.body, 'value')!.value).toMatchObject({ kind: 'call', name: 'upper' });
});

test('values keep their kind and offsets', () => {
  const family = attr(r.body, 'family')!.value;
  expect(family).toMatchObject({ kind: 'literal', value: 'postgres16' });
  expect(src.slice(family.start, family.end)).toBe('"postgres16"');
  expect(attr(r.body, 'name')!.value.kind).toBe('template');
  expect(attr(r.body, 'count')!.value.kind).toBe('other');
  expect(attr(r.body, 'flags')!.value.kind).toBe('other');
  expect(attr(r.body, 'idx')!.value.kind).toBe('other');
  expect(attr(r.body, 'dollars')!.value).toMatchObject({ kind: 'literal', value: '${literal}' });
  const tags = attr(r.body, 'tags')!.value as Extract<HclExpr, { kind: 'object' }>;
  expect(tags.items.map((i) => i.key)).toEqual(['Name', 'team']);
  const list = attr(r.body, 'list')!.value as Extract<HclExpr, { kind: 'tuple' }>;
  expect(list.items.map((i) => (i.kind === 'literal' ? i.value : i.kind))).toEqual([1, -2.5, true, null, 'a"b', 'heredoc text\n  indented\n']);
});

test.each([
  ['resource "a" "b" {\n  x = "open\n}\n', 'a quoted string cannot span lines', 25],
  ['resource "a" "b" {\n  x = 1\n', 'a block is not closed: "}" missing', 27],
  ['x = \n', 'a value is missing before the end of the line', 4],
  ['x = [1 2]\n', 'expected "," or "]" in a list', 7],
  [`x = ${'['.repeat(300)}${']'.repeat(300)}\n`, 'nested more than 256 levels deep', 260],
])('errors name the offset: %j', (text, message, offset) => {
  let err: unknown;
  try {
    parseHcl(text);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(HclError);
  expect({ message: (err as HclError).message, offset: (err as HclError).offset }).toEqual({ message, offset });
});

test('a Terraform file that does not parse is one input error naming line and column', () => {
  expect(() => readCarriers([STDIN], { stdin: new TextEncoder().encode('resource "aws_db_parameter_group" "x" {\n  family = "postgres16\n}\n'), carrier: 'terraform' })).toThrow(
    /^cannot read <stdin>:2:12: a quoted string cannot span lines$/,
  );
});
