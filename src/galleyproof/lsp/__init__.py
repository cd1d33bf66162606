"""`galleyproof lsp`: the proofreader as a Language Server Protocol server, for editors.

`positions` maps Python string offsets to the editor's line/character positions,
`actions` builds the fixes offered on a flag, and `server` speaks the protocol (on pygls).
"""
