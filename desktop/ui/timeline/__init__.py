"""The Timeline tab: the axis (a QGraphicsView), the events table and the detail pane."""
