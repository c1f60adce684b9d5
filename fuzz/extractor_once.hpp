// The extractor of the targets that extract (fuzz_extract, fuzz_html, fuzz_long_document), built
// once in LLVMFuzzerInitialize: loading the knowledge takes a minute under the sanitizers on a
// busy machine, which libFuzzer's -timeout would otherwise count against the first input.
// Include from one file per target.
#pragma once

#include <memory>

#include "diplograph/extract.hpp"

inline std::unique_ptr<diplograph::Extractor>& fuzz_extractor() {
  static std::unique_ptr<diplograph::Extractor> extractor;
  return extractor;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto e = diplograph::Extractor::create();
  if (e) fuzz_extractor() = std::move(*e);
  return 0;
}
