"""Views of the graph: timelines, neighbourhood pictures, the interactive graph view and exports over HTTP."""
