package dev.lookout.knowledge;

/** Where a stored line is: its segment and offset. */
record LineRef(Segment segment, int offset) {
  int template() {
    return segment.template[offset];
  }

  int severity() {
    return segment.severity[offset];
  }

  long time() {
    return segment.time[offset];
  }
}
