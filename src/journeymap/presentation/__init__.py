"""The presentation: the one place that turns a validated map into what
every output shows. The swimlane layout, the HTML, Markdown, Mermaid and
Graphviz renderers, `stats` and `diff` all take their words from here, so a
score, a metric or an evidence line reads the same in every format.

- `emotions`: the emotion of a touchpoint for a persona, the curves to draw,
  faces;
- `numbers`: numbers as text, positions and named values of the scale;
- `personas`: persona names, colours and who takes part where;
- `texts`: lane titles, channel names, source titles, quotations;
- `details`: metric and evidence texts;
- `lanes`: the lanes the swimlane draws (following the content) and those
  a choice of lanes hides while they hold content;
- `view`: `Presentation`, all of the above for one map, language and choice
  of lanes.
"""

from .view import Presentation

__all__ = ["Presentation"]
