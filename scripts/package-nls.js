// Moves every user-visible string of package.json into package.nls.json, leaving a
// `%key%` in its place, so VS Code can show the manifest in the display language
// (package.nls.<lang>.json). Strings already written as `%key%` are left alone, so it is
// safe to run again after someone adds a command or setting with a plain English title.
//   node scripts/package-nls.js           rewrite package.json and package.nls.json
//   node scripts/package-nls.js --check   only list the literals; exit 1 if there are any
// The same list of fields is what test/unit/l10n.test.ts checks.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

/**
 * Every user-visible field of the manifest: [json path with * for array items or map
 * values, function giving the nls key]. Keys name the item by its id, not its position,
 * so inserting a command does not renumber the others.
 */
function userVisibleFields(pkg) {
  const fields = [];
  const add = (holder, field, key) => {
    if (holder && typeof holder[field] === 'string') fields.push({ holder, field, key });
  };
  const short = (id) => String(id).replace(/^scrapehub\./, '');
  add(pkg, 'displayName', 'displayName');
  add(pkg, 'description', 'description');
  add(pkg.capabilities?.untrustedWorkspaces, 'description', 'capabilities.untrustedWorkspaces.description');
  add(pkg.capabilities?.virtualWorkspaces, 'description', 'capabilities.virtualWorkspaces.description');
  const c = pkg.contributes ?? {};
  for (const containers of Object.values(c.viewsContainers ?? {})) {
    for (const container of containers) add(container, 'title', `viewsContainers.${short(container.id)}.title`);
  }
  for (const views of Object.values(c.views ?? {})) {
    for (const view of views) {
      for (const field of ['name', 'contextualTitle', 'accessibilityHelpContent']) add(view, field, `views.${short(view.id)}.${field}`);
    }
  }
  for (const welcome of c.viewsWelcome ?? []) {
    add(welcome, 'contents', `viewsWelcome.${short(welcome.view)}.${welcomeName(welcome.when)}`);
  }
  for (const command of c.commands ?? []) {
    for (const field of ['title', 'shortTitle', 'category']) {
      add(command, field, field === 'category' ? `category.${command.category}` : `command.${short(command.command)}.${field}`);
    }
  }
  for (const configuration of [c.configuration ?? []].flat()) {
    add(configuration, 'title', 'configuration.title');
    // An object setting's own properties (e.g. one checkbox per message type) are shown too.
    const addProperty = (property, key) => {
      for (const field of ['title', 'description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage'])
        add(property, field, `${key}.${field}`);
      for (const field of ['enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels']) {
        (property[field] ?? []).forEach((_, index) => add(property[field], index, `${key}.${field}.${property.enum?.[index] ?? index}`));
      }
      for (const [name, nested] of Object.entries(property.properties ?? {})) addProperty(nested, `${key}.${name}`);
      // An array of objects (e.g. scrapehub.servers): each item's fields are shown when editing an item.
      if (property.items && !Array.isArray(property.items)) addProperty(property.items, `${key}.items`);
    };
    for (const [id, property] of Object.entries(configuration.properties ?? {})) addProperty(property, `configuration.${short(id)}`);
  }
  for (const tool of c.languageModelTools ?? []) {
    const key = `languageModelTools.${tool.name}`;
    for (const field of ['displayName', 'userDescription', 'modelDescription']) add(tool, field, `${key}.${field}`);
    // What the model reads about each input field.
    const addSchema = (schema, schemaKey) => {
      add(schema, 'description', `${schemaKey}.description`);
      for (const [name, nested] of Object.entries(schema?.properties ?? {})) addSchema(nested, `${schemaKey}.${name}`);
      if (schema?.items && !Array.isArray(schema.items)) addSchema(schema.items, `${schemaKey}.items`);
    };
    addSchema(tool.inputSchema, `${key}.inputSchema`);
  }
  for (const walkthrough of c.walkthroughs ?? []) {
    const key = `walkthroughs.${short(walkthrough.id)}`;
    add(walkthrough, 'title', `${key}.title`);
    add(walkthrough, 'description', `${key}.description`);
    for (const step of walkthrough.steps ?? []) {
      add(step, 'title', `${key}.steps.${short(step.id)}.title`);
      add(step, 'description', `${key}.steps.${short(step.id)}.description`);
      add(step.media, 'altText', `${key}.steps.${short(step.id)}.altText`);
    }
  }
  return fields;
}

/** "scrapehub.state == noKey" → "noKey"; anything else → the context key, tidied. */
function welcomeName(when = '') {
  const state = /scrapehub\.state == (\w+)/.exec(when);
  if (state && !when.includes('||')) return state[1];
  return (
    when
      .replace(/scrapehub\./g, '')
      .replace(/[^\w]+/g, '_')
      .replace(/^_|_$/g, '') || 'always'
  );
}

function isPlaceholder(text) {
  return /^%[^%\s]+%$/.test(text);
}

function main() {
  const check = process.argv.includes('--check');
  const pkgPath = path.join(root, 'package.json');
  const nlsPath = path.join(root, 'package.nls.json');
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
  const nls = fs.existsSync(nlsPath) ? JSON.parse(fs.readFileSync(nlsPath, 'utf8')) : {};
  const literals = userVisibleFields(pkg).filter(({ holder, field }) => !isPlaceholder(holder[field]));
  if (check) {
    literals.forEach(({ key, holder, field }) => console.log(`${key}: ${JSON.stringify(holder[field])}`));
    process.exit(literals.length > 0 ? 1 : 0);
  }
  for (const { holder, field, key } of literals) {
    let unique = key;
    for (let n = 2; nls[unique] !== undefined && nls[unique] !== holder[field]; n++) unique = `${key}.${n}`;
    nls[unique] = holder[field];
    holder[field] = `%${unique}%`;
  }
  fs.writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
  fs.writeFileSync(nlsPath, `${JSON.stringify(nls, null, 2)}\n`);
  console.log(`package.nls.json: ${literals.length} new string(s), ${Object.keys(nls).length} in all`);
}

module.exports = { userVisibleFields, isPlaceholder };

if (require.main === module) {
  main();
}
