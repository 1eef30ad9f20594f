"""Where journeymap plugs into documentation tools.

Each module is a thin layer over the one pipeline (`validate_text` or
`validate_path`, then a renderer from the registry), so a map looks the same
whichever way it reaches a page:

- `fences`: finds the `journeymap` fenced blocks of a Markdown text the way
  CommonMark does, and rewrites a text block by block, everything else byte
  for byte;
- `documents`: `journeymap render doc.md` and `validate doc.md`: each block
  validated with its positions in the document, rendered, replaced by an
  image link;
- `mkdocs_plugin`: the `journeymap` MkDocs plug-in and a custom fence for
  `pymdownx.superfences`;
- `sphinx`: the `.. journeymap::` directive (also `journeymap.sphinx`, and
  ```` ```{journeymap} ```` in MyST);
- `serve_page`, `serve_watch`: the live page of `journeymap watch --serve`.

Importing this package imports nothing else: every tool's module is loaded
only by that tool.
"""
