// How the Promela state is laid out (spec section 2's variables as Promela
// declarations) and so how every reference to it is spelt. Two layouts, one
// model text: the actions, invariants and helpers are written once, against
// this interface, and each layout spells the references its way:
//   arrays: rs[0], INST(0, 1), up[src], send_sd(0, SD_MEM)
//   packed: rs_0,  inst_0_1,   UP(src), send_sd_0(SD_MEM)
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <memory>
#include <string>

#include "crosscheck/promela/promela_export.hpp"
#include "crosscheck/promela/promela_text.hpp"

namespace lgr::promela {

struct ExportContext;
struct GuestText;

class Layout {
 public:
  virtual ~Layout() = default;

  // What the header says: the export option (" --packed" or ""), lines
  // describing the layout, and how a guest's request variable is named.
  virtual const char* option() const = 0;
  virtual void describe(PromelaText& out) const = 0;
  virtual const char* request_variable() const = 0;
  // Throws PromelaExportError when the model does not fit the layout.
  virtual void check_fits(const ExportContext& ctx) const = 0;

  // References. `g` and `m` are literal indexes or Promela expressions
  // (the scratch src, SRC(0), own[0], or the parameter g of a helper).
  virtual std::string field(const char* name, const std::string& g) const = 0;  // a per-guest variable
  virtual std::string inst(const std::string& g, const std::string& m) const = 0;
  virtual std::string set_inst(const std::string& g, const std::string& m, const std::string& value) const = 0;
  virtual std::string up(const std::string& m) const = 0;
  virtual std::string link(int pair) const = 0;  // pair index, see ExportContext::link_index
  // A call of one of a guest's helpers (channels, progress, cancel, normalise).
  virtual std::string call(const char* helper, const std::string& g, const std::string& args = "") const = 0;

  // Declarations: the state variables (each initialised), the macros that
  // read them (INST, SRC, EPISODE, ACTIVE, LINK), and the helper inlines.
  virtual void declare_state(PromelaText& out, const ExportContext& ctx) const = 0;
  virtual void declare_access(PromelaText& out, const ExportContext& ctx) const = 0;
  virtual std::string link_macro() const = 0;
  virtual void declare_helpers(PromelaText& out, const ExportContext& ctx) const = 0;
  // send_sd, send_ds, pop_sd, pop_ds and empty_channels of guest t.
  virtual void declare_channels(PromelaText& out, const ExportContext& ctx, const GuestText& t) const = 0;
};

std::unique_ptr<Layout> array_layout();
std::unique_ptr<Layout> packed_layout();

// Guest g's variables and helper calls as one layout spells them; g is a
// literal index, or the parameter "g" inside the arrays layout's helpers.
struct GuestText {
  GuestText(const Layout& layout, std::string index);

  std::string g;
  std::string own, rs, cur, from, pass, dirty, elapsed, qtime, inelig, img_ok, n_sd, n_ds, lost, bad_image, bad_commit;
  std::string normalise, reset_progress, src_cancel, empty_channels, pop_sd, pop_ds;
  // INST(g, m) read for the scratch src and dst and the episode's SRC(g) and DST_g.
  std::string inst_src, inst_dst, inst_SRC, inst_DST;
  std::string up_SRC, up_DST;

  std::string inst(const std::string& m) const { return layout->inst(g, m); }
  std::string set_inst(const std::string& m, const std::string& value) const { return layout->set_inst(g, m, value); }
  std::string send_sd(const std::string& msg) const { return layout->call("send_sd", g, msg); }
  std::string send_ds(const std::string& msg) const { return layout->call("send_ds", g, msg); }

  // Formats `f` with the fields above as named arguments ({rs}, {inst_dst},
  // {src_cancel}, ...) and `extra` (fmt::arg or "name"_a = value) besides.
  // Checked when it runs, not when it compiles: a misspelt name throws
  // fmt::format_error, which the golden test meets for every action kind.
  template <class... A>
  std::string fill(fmt::string_view f, const A&... extra) const {
    return fmt::vformat(
        f, fmt::make_format_args(
               extra..., fmt::arg("g", g), fmt::arg("own", own), fmt::arg("rs", rs), fmt::arg("cur", cur),
               fmt::arg("from", from), fmt::arg("pass", pass), fmt::arg("dirty", dirty), fmt::arg("elapsed", elapsed),
               fmt::arg("qtime", qtime), fmt::arg("inelig", inelig), fmt::arg("img_ok", img_ok),
               fmt::arg("n_sd", n_sd), fmt::arg("n_ds", n_ds), fmt::arg("lost", lost),
               fmt::arg("bad_image", bad_image), fmt::arg("bad_commit", bad_commit),
               fmt::arg("normalise", normalise), fmt::arg("reset_progress", reset_progress),
               fmt::arg("src_cancel", src_cancel), fmt::arg("empty_channels", empty_channels),
               fmt::arg("pop_sd", pop_sd), fmt::arg("pop_ds", pop_ds), fmt::arg("inst_src", inst_src),
               fmt::arg("inst_dst", inst_dst), fmt::arg("inst_SRC", inst_SRC), fmt::arg("inst_DST", inst_DST),
               fmt::arg("up_SRC", up_SRC), fmt::arg("up_DST", up_DST)));
  }

  const Layout* layout;
};

}  // namespace lgr::promela
