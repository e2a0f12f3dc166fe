#include "crosscheck/promela/layout.hpp"

#include <utility>

namespace lgr::promela {

GuestText::GuestText(const Layout& L, std::string index) : g(std::move(index)), layout(&L) {
  own = L.field("own", g);
  rs = L.field("rs", g);
  cur = L.field("cur", g);
  from = L.field("from", g);
  pass = L.field("pass", g);
  dirty = L.field("dirty", g);
  elapsed = L.field("elapsed", g);
  qtime = L.field("qtime", g);
  inelig = L.field("inelig", g);
  img_ok = L.field("img_ok", g);
  n_sd = L.field("n_sd", g);
  n_ds = L.field("n_ds", g);
  lost = L.field("lost", g);
  bad_image = L.field("bad_image", g);
  bad_commit = L.field("bad_commit", g);
  normalise = L.call("normalise", g);
  reset_progress = L.call("reset_progress", g);
  src_cancel = L.call("src_cancel", g);
  empty_channels = L.call("empty_channels", g);
  pop_sd = L.call("pop_sd", g);
  pop_ds = L.call("pop_ds", g);
  inst_src = L.inst(g, "src");
  inst_dst = L.inst(g, "dst");
  inst_SRC = L.inst(g, "SRC(" + g + ")");
  inst_DST = L.inst(g, "DST_" + g);
  up_SRC = L.up("SRC(" + g + ")");
  up_DST = L.up("DST_" + g);
}

}  // namespace lgr::promela
