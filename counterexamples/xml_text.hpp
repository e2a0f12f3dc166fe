// Text inside XML and HTML (charts, JUnit reports). Escapes &, <, >, " and ',
// and writes '?' for what XML 1.0 forbids (control characters other than
// tab, newline, carriage return; bytes that are not UTF-8): an XML parser
// rejects a whole document for one such byte. Inside an attribute, tab and
// newlines become character references so that they survive attribute
// normalisation.
#pragma once

#include <string>
#include <string_view>

namespace lgr {

std::string xml_escaped(std::string_view text, bool attribute = false);

}  // namespace lgr
