// Render CSL-JSON items with citeproc-js: node citeprocjs_render.js items.json style.csl locales-dir citeproc-module
// Prints a JSON array of the entries' plain text, in the order of the items.
const fs = require('fs');
const CSL = require(process.argv[5]);
const items = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const style = fs.readFileSync(process.argv[3], 'utf8');
const locales = process.argv[4];
const byId = {};
for (const item of items) byId[item.id] = item;
const sys = {
  retrieveLocale: (lang) => {
    const p = locales + '/locales-' + lang + '.xml';
    return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : false;
  },
  retrieveItem: (id) => byId[id],
};
const out = [];
for (const item of items) {
  const engine = new CSL.Engine(sys, style, 'zh-CN');
  engine.setOutputFormat('text');
  engine.updateItems([item.id]);
  const bib = engine.makeBibliography();
  out.push(bib[1].join('').trim());
}
process.stdout.write(JSON.stringify(out));
