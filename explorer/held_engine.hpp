// Running whichever engine a std::variant holds (std::monostate: none, an
// empty result): what Search and BreadthFirstSearchAnySize share.
#pragma once

#include <type_traits>
#include <variant>

#include "explorer/search_result.hpp"

namespace explorer {

template <class Engines>
SearchResult run_held_engine(Engines& engines) {
  return std::visit(
      [](auto& e) -> SearchResult {
        if constexpr (std::is_same_v<std::decay_t<decltype(e)>, std::monostate>) return {};
        else return e.run();
      },
      engines);
}

}  // namespace explorer
