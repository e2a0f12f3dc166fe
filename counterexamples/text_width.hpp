// How wide a line of text is in DejaVu Sans (the charts' first font), from
// its advance widths, rounded up: so a box is drawn wide enough for its text
// and the layout can keep labels apart without a browser to measure them.
#pragma once

#include <string>
#include <vector>

namespace lgr {

// Width in px of `text` at `font_px`, bold or not; a little over the truth.
double text_width(const std::string& text, double font_px, bool bold = false);

// `text` broken at spaces into lines of at most `width` px.
std::vector<std::string> wrap_text(const std::string& text, double font_px, bool bold, double width);

}  // namespace lgr
