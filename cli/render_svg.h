// The membership timeline drawn as a self-contained SVG (SPEC §2 `timeline`,
// and inline in `review`'s HTML). Presentation only: the data comes from
// projections::TimelineOf. Stateless; thread-safe.
#ifndef GOVLEDGER_CLI_RENDER_SVG_H_
#define GOVLEDGER_CLI_RENDER_SVG_H_

#include <string>

#include "projections/timeline.h"

namespace govledger::cli {

// An <svg> element (xmlns set, no XML declaration, so it also embeds in HTML)
// with one lane per party labelled with its name and its id second (the bare
// id when it has no name), under each bar a printed line
// of the dates in the window on which the party joined, gave notice or left
// (so a printed copy carries every date, not only hover titles), a bar per clipped spell, a
// diamond per notice at its decided day (intended withdrawal in its <title>),
// year ticks at 1 January, and lines at establishment and dissolution. All
// text is escaped. Shapes carry class names (lane, spell, notice, year-tick,
// established, dissolved) and data-* dates so that tests and tools can read it.
std::string TimelineSvg(const projections::Timeline& timeline);

}  // namespace govledger::cli

#endif  // GOVLEDGER_CLI_RENDER_SVG_H_
