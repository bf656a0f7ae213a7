/**
 * What the shipped bundle uses in place of the `@vscode/l10n` package (esbuild.js aliases
 * it here). Code that must not import 'vscode' writes `l10n.t('Text {0}', arg)` against
 * `@vscode/l10n`, so `npm run l10n` finds its strings and the unit tests run it in plain
 * Node; but the package also carries file and HTTP readers for bundles, which we never use
 * (the extension hands it the bundle VS Code loaded, see shareBundle.ts), and which would
 * be the bundle's only `require` besides 'vscode'. This is the part we use, with the same
 * behaviour (test/unit/l10n.test.ts compares the two).
 */
type Entry = string | { message: string; comment?: string[] };
type Replacement = string | number | boolean;

let bundle: Record<string, Entry> | undefined;

export function config(options: { contents: string | Record<string, Entry> }): void {
  bundle = typeof options.contents === 'string' ? (JSON.parse(options.contents) as Record<string, Entry>) : options.contents;
}

/** The translation of `message` (or `message` itself), with `{0}`, `{1}`… replaced by `args`. */
export function t(message: string, ...args: Replacement[]): string {
  const entry = bundle?.[message];
  const template = typeof entry === 'string' ? entry || message : entry?.comment ? entry.message : message;
  return args.length === 0 ? template : template.replace(/{([^}]+)}/g, (match, index: string) => String(args[Number(index)] ?? match));
}
