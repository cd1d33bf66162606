// Starts `galleyproof lsp` for plain text, Markdown and LaTeX documents.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function settings() {
  const c = vscode.workspace.getConfiguration("galleyproof");
  return { only: c.get("only"), ignore: c.get("ignore"), minScore: c.get("minScore"), sensitivity: c.get("sensitivity"), debounceMs: c.get("debounceMs") };
}

async function activate(context) {
  const command = vscode.workspace.getConfiguration("galleyproof").get("path") || "galleyproof";
  client = new LanguageClient(
    "galleyproof",
    "galleyproof",
    { command, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "plaintext" },
        { scheme: "file", language: "markdown" },
        { scheme: "file", language: "latex" },
        { scheme: "untitled", language: "plaintext" },
        { scheme: "untitled", language: "markdown" },
      ],
      initializationOptions: settings(),
      // Sends workspace/didChangeConfiguration with {galleyproof: {...}} when a setting changes.
      synchronize: { configurationSection: "galleyproof" },
    },
  );
  context.subscriptions.push(client);
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
