"""Pure geometry and text measurement over the presentation: no I/O and no
renderer, so it can be property-tested.

`page.layout(presentation)` places the swimlane: `frame` (the columns every
part lines up with), `header`, `personas` (the persona band), `grid` (phases,
stage headers, lanes) with `cells` and `emotion_chart` (and `curves`, its
path maths), `legend`; `styles` holds the sizes and text styles; `geometry`
the drawing as data; `fonts` and `wrap` measure and break text.
"""
