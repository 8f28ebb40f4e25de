"""Signals of the case generator, for plugins that want to see or change cases.

- `case_generator_init(generator)`: the generator is set up, nothing read yet.
- `case_generator_finalized(generator)`: every case is read and validated;
  `generator.cases` (what the build shows) and `generator.catalogue` are ready.
- `case_writer_finalized(generator, writer=writer)`: every page, feed and data file
  built from the cases is written.
"""

from blinker import signal

case_generator_init = signal("case_generator_init")
case_generator_finalized = signal("case_generator_finalized")
case_writer_finalized = signal("case_writer_finalized")
