"""The request view: the region/edge picker, the inspector and the pane that sends."""
