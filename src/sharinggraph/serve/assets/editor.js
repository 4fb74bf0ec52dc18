// The workbench's SPARQL editor: CodeMirror 6 with its SPARQL mode, bundled by esbuild at `make`
// time (npm run build) into node_modules/.sharinggraph/sparql-editor.js, which the page inlines.
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { StreamLanguage } from "@codemirror/language";
import { autocompletion } from "@codemirror/autocomplete";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";

const KEYWORDS = ["SELECT", "DISTINCT", "WHERE", "OPTIONAL", "FILTER", "BIND", "VALUES", "UNION", "GRAPH",
  "ORDER BY", "GROUP BY", "LIMIT", "OFFSET", "CONSTRUCT", "ASK", "DESCRIBE", "PREFIX", "COUNT", "STR", "LANG",
  "REGEX", "CONTAINS", "COALESCE", "IF", "BOUND", "NOT EXISTS", "MINUS"];

function completions(prefixes) {
  const options = [
    ...KEYWORDS.map(word => ({ label: word, type: "keyword" })),
    ...Object.entries(prefixes).map(([name, iri]) => ({ label: `${name}:`, type: "namespace", detail: iri })),
    ...Object.entries(prefixes).map(([name, iri]) => ({ label: `PREFIX ${name}: <${iri}>`, type: "text" })),
  ];
  return context => {
    const word = context.matchBefore(/[\w:-]+/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    return { from: word.from, options, validFor: /^[\w:-]*$/ };
  };
}

/** An editor in `parent` holding `text`; Ctrl-Enter (or Cmd-Enter) calls `onRun`. */
export function createEditor(parent, text, onRun, prefixes, label) {
  const view = new EditorView({
    doc: text,
    parent,
    extensions: [
      keymap.of([{ key: "Mod-Enter", run: () => { onRun(); return true; } }]),
      basicSetup,
      StreamLanguage.define(sparql),
      autocompletion({ override: [completions(prefixes)] }),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": label }),
    ],
  });
  return {
    get text() { return view.state.doc.toString(); },
    set text(value) { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } }); },
    /** Put the cursor at a 1-based line and column and focus the editor. */
    goTo(line, column) {
      const info = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
      const pos = Math.min(info.from + Math.max(column - 1, 0), info.to);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
  };
}
