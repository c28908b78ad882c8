// OPATH -Filter support: tokenizer, recursive-descent parser and a compiler that turns a filter into a
// predicate over any record type through a per-cmdlet schema of filterable properties. Stricter than
// Exchange where Exchange is lenient: unquoted words as values, stray tokens and unterminated strings
// are syntax errors, never silently ignored.
import { GUID_PATTERN } from "../common/patterns.js";
import { isSmtpProxy, proxyAddress } from "./tenant/addresses.js";

export type ComparisonOperator = "eq" | "ne" | "like" | "notlike" | "lt" | "gt" | "le" | "ge";
export type Literal = string | number | boolean | null;

export type FilterNode =
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode }
  | { kind: "not"; operand: FilterNode }
  | { kind: "compare"; property: string; operator: ComparisonOperator; value: Literal; position: number };

/**
 * string: single text value; multi: several text values (match if any does); proxies: EmailAddresses
 * (-eq ignores the prefix, wildcards see it); smtpAddresses: PrimarySmtpAddress, which Exchange also
 * matches against every SMTP proxy; bool/guid/int/date/enum: exact typed values.
 */
export type FilterPropertyType =
  | "string"
  | "multi"
  | "proxies"
  | "smtpAddresses"
  | "bool"
  | "guid"
  | "int"
  | "date"
  | "enum";

export interface FilterProperty<T> {
  name: string;
  type: FilterPropertyType;
  /** Allowed values of an enum property (canonical spelling). */
  values?: readonly string[];
  /** .NET type named in conversion errors. */
  typeName?: string;
  get(item: T): unknown;
}

export type FilterSchema<T> = ReadonlyMap<string, FilterProperty<T>>;

export function filterSchema<T>(properties: FilterProperty<T>[]): FilterSchema<T> {
  return new Map(properties.map((p) => [p.name.toLowerCase(), p]));
}

/** Why a filter was rejected; `message` is Exchange's inner text, without the parameter-binding wrapper. */
export class OpathError extends Error {}

type Token =
  | { type: "(" | ")" | "end"; position: number }
  | { type: "operator"; value: string; position: number }
  | { type: "literal"; value: Literal; position: number }
  | { type: "word"; value: string; position: number };

const COMPARISONS = new Set<string>(["eq", "ne", "like", "notlike", "lt", "gt", "le", "ge"]);
const LOGICAL = new Set(["and", "or", "not"]);
// Only `$null`: the Exchange module rewrites `$true`/`$false` to 'True'/'False' before it sends a filter
// (Sanitize-BoolValuesInFilter), so nobody has seen the REST service accept them; the simulator refuses them.
const VARIABLES: Record<string, Literal> = { null: null };

function syntaxError(text: string, position: number): OpathError {
  return new OpathError(
    `Invalid filter syntax. For a description of the filter parameter syntax see the command help. "${text}" at position ${position}.`,
  );
}

// PowerShell, whose syntax OPATH borrows, takes the typographic quotes as quotes too: ‘ ’ ‚ ‛ like ' and
// “ ” „ like ". A string opened by one of a class ends at any of that class, unless doubled.
const SINGLE_QUOTES = "'\u2018\u2019\u201A\u201B";
const DOUBLE_QUOTES = '"\u201C\u201D\u201E';

function quoteClass(ch: string): string | undefined {
  if (SINGLE_QUOTES.includes(ch)) return SINGLE_QUOTES;
  if (DOUBLE_QUOTES.includes(ch)) return DOUBLE_QUOTES;
  return undefined;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    const position = i + 1;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "(" || ch === ")") {
      tokens.push({ type: ch, position });
      i++;
    } else if (quoteClass(ch)) {
      const quotes = quoteClass(ch) as string;
      let value = "";
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw syntaxError(text, position);
        if (quotes.includes(text[j] as string)) {
          const next = text[j + 1];
          if (next === undefined || !quotes.includes(next)) break;
          j++;
        }
        value += text[j];
        j++;
      }
      tokens.push({ type: "literal", value, position });
      i = j + 1;
    } else if (ch === "-" && /[A-Za-z]/.test(text[i + 1] ?? "")) {
      const word = /^-([A-Za-z]+)/.exec(text.slice(i))?.[1] as string;
      const op = word.toLowerCase();
      if (!COMPARISONS.has(op) && !LOGICAL.has(op)) throw syntaxError(text, position);
      tokens.push({ type: "operator", value: op, position });
      i += word.length + 1;
    } else if (ch === "$") {
      const word = /^\$([A-Za-z]*)/.exec(text.slice(i))?.[1] as string;
      const key = word.toLowerCase();
      if (key === "true" || key === "false") {
        throw new OpathError(
          `The variable '$${word}' is not expanded by the REST service; write '${key === "true" ? "True" : "False"}' instead. "${text}" at position ${position}.`,
        );
      }
      if (!(key in VARIABLES)) throw syntaxError(text, position);
      tokens.push({ type: "literal", value: VARIABLES[key] as Literal, position });
      i += word.length + 1;
    } else if (/[-0-9]/.test(ch)) {
      const number = /^-?[0-9]+(\.[0-9]+)?(?![A-Za-z0-9_.])/.exec(text.slice(i))?.[0];
      if (!number) throw syntaxError(text, position);
      tokens.push({ type: "literal", value: Number(number), position });
      i += number.length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))?.[0] as string;
      tokens.push({ type: "word", value: word, position });
      i += word.length;
    } else {
      throw syntaxError(text, position);
    }
  }
  tokens.push({ type: "end", position: text.length + 1 });
  return tokens;
}

/** Parses a filter; precedence from loosest: -or, -and, -not, comparison. */
export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let index = 0;
  const peek = () => tokens[index] as Token;
  const isOperator = (op: string) => {
    const token = peek();
    return token.type === "operator" && token.value === op;
  };

  const parseOr = (): FilterNode => {
    let left = parseAnd();
    while (isOperator("or")) {
      index++;
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): FilterNode => {
    let left = parseUnary();
    while (isOperator("and")) {
      index++;
      left = { kind: "and", left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): FilterNode => {
    if (isOperator("not")) {
      index++;
      return { kind: "not", operand: parseUnary() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): FilterNode => {
    const token = peek();
    if (token.type === "(") {
      index++;
      const inner = parseOr();
      if (peek().type !== ")") throw syntaxError(text, peek().position);
      index++;
      return inner;
    }
    if (token.type !== "word") throw syntaxError(text, token.position);
    index++;
    const operator = peek();
    if (operator.type !== "operator" || !COMPARISONS.has(operator.value)) {
      throw syntaxError(text, operator.position);
    }
    index++;
    const value = peek();
    if (value.type !== "literal") throw syntaxError(text, value.position);
    index++;
    return {
      kind: "compare",
      property: token.value,
      operator: operator.value as ComparisonOperator,
      value: value.value,
      position: token.position,
    };
  };

  const tree = parseOr();
  if (peek().type !== "end") throw syntaxError(text, peek().position);
  return tree;
}

// ---- compilation ----

type Predicate<T> = (item: T) => boolean;

const TEXT_TYPES = new Set<FilterPropertyType>(["string", "multi", "proxies", "smtpAddresses"]);
const ORDERED_TYPES = new Set<FilterPropertyType>(["string", "int", "date"]);

function wildcard(pattern: string): RegExp {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "is");
}

function texts(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v !== "");
  return typeof value === "string" && value !== "" ? [value] : [];
}

/** The literal converted to the property's type: lower-cased text, boolean, number or null. */
function convert<T>(
  property: FilterProperty<T>,
  literal: Literal,
  fail: (type: string) => OpathError,
): string | number | boolean | null {
  if (literal === null) return null;
  switch (property.type) {
    case "bool": {
      if (typeof literal === "boolean") return literal;
      const text = String(literal).toLowerCase();
      if (text === "true" || text === "false") return text === "true";
      throw fail("System.Boolean");
    }
    case "guid":
      if (typeof literal === "string" && GUID_PATTERN.test(literal)) return literal.toLowerCase();
      throw fail("System.Guid");
    case "int":
      if (typeof literal === "number" || (typeof literal === "string" && /^-?\d+$/.test(literal))) {
        return Number(literal);
      }
      throw fail("System.Int32");
    case "date": {
      const ms = typeof literal === "string" ? Date.parse(literal) : Number.NaN;
      if (Number.isNaN(ms)) throw fail("System.DateTime");
      return ms;
    }
    case "enum": {
      const match = property.values?.find((v) => v.toLowerCase() === String(literal).toLowerCase());
      if (match === undefined) throw fail(property.typeName ?? "System.Enum");
      return match.toLowerCase();
    }
    default:
      return String(literal).toLowerCase();
  }
}

function compileComparison<T>(
  text: string,
  node: Extract<FilterNode, { kind: "compare" }>,
  schema: FilterSchema<T>,
): Predicate<T> {
  const property = schema.get(node.property.toLowerCase());
  const at = `"${text}" at position ${node.position}.`;
  if (!property) {
    throw new OpathError(
      `"${node.property}" is not a recognized filterable property. For more information about filterable properties, see the command help. ${at}`,
    );
  }
  const { operator } = node;
  const wild = operator === "like" || operator === "notlike";
  if (wild && (!TEXT_TYPES.has(property.type) || typeof node.value !== "string")) {
    throw new OpathError(
      `The "-${operator}" operator requires a text value and a text property; "${property.name}" can't be compared that way. ${at}`,
    );
  }
  if (
    ["lt", "gt", "le", "ge"].includes(operator) &&
    (!ORDERED_TYPES.has(property.type) || node.value === null)
  ) {
    throw new OpathError(`The "-${operator}" operator can't be used with property "${property.name}". ${at}`);
  }
  const value = convert(property, node.value, (type) => {
    return new OpathError(`The value "${String(node.value)}" could not be converted to type ${type}. ${at}`);
  });

  const positive = matcher(property, operator, value);
  return operator === "ne" || operator === "notlike" ? (item) => !positive(item) : positive;
}

/** The predicate for eq/like/lt/gt/le/ge; ne and notlike negate it. */
function matcher<T>(
  property: FilterProperty<T>,
  operator: ComparisonOperator,
  value: string | number | boolean | null,
): Predicate<T> {
  const get = (item: T) => property.get(item);
  if (operator === "like" || operator === "notlike") {
    const pattern = wildcard(value as string);
    const candidates =
      property.type === "smtpAddresses"
        ? (item: T) => texts(get(item)).filter(isSmtpProxy).map(proxyAddress)
        : (item: T) => texts(get(item));
    return (item) => candidates(item).some((v) => pattern.test(v));
  }
  if (operator !== "eq" && operator !== "ne") {
    const compare = (a: string | number, b: string | number) =>
      operator === "lt" ? a < b : operator === "gt" ? a > b : operator === "le" ? a <= b : a >= b;
    return (item) => {
      const v = get(item);
      if (typeof v === "number") return compare(v, value as number);
      return typeof v === "string" && v !== "" && compare(v.toLowerCase(), value as string);
    };
  }
  switch (property.type) {
    case "bool":
      return (item) => get(item) === value;
    case "int":
    case "date":
      return (item) => (value === null ? get(item) === null : get(item) === value);
    case "proxies":
      return (item) =>
        value === null
          ? texts(get(item)).length === 0
          : texts(get(item)).some(
              (p) => p.toLowerCase() === value || proxyAddress(p).toLowerCase() === value,
            );
    case "smtpAddresses":
      return (item) =>
        value === null
          ? texts(get(item)).length === 0
          : texts(get(item))
              .filter(isSmtpProxy)
              .some((p) => proxyAddress(p).toLowerCase() === value);
    default:
      return (item) =>
        value === null
          ? texts(get(item)).length === 0
          : texts(get(item)).some((v) => v.toLowerCase() === value);
  }
}

/** Compiles a filter into a predicate; throws OpathError for syntax errors and unknown properties or values. */
export function compileFilter<T>(text: string, schema: FilterSchema<T>): Predicate<T> {
  const build = (node: FilterNode): Predicate<T> => {
    switch (node.kind) {
      case "and": {
        const [l, r] = [build(node.left), build(node.right)];
        return (item) => l(item) && r(item);
      }
      case "or": {
        const [l, r] = [build(node.left), build(node.right)];
        return (item) => l(item) || r(item);
      }
      case "not": {
        const operand = build(node.operand);
        return (item) => !operand(item);
      }
      case "compare":
        return compileComparison(text, node, schema);
    }
  };
  return build(parseFilter(text));
}
