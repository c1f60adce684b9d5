// libFuzzer target: the stored-record decoders (store/records.hpp), which read whatever bytes a
// damaged database holds. Each must give nullopt or a record; a record it gives must encode to
// bytes it decodes to the same record again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "store/records.hpp"

namespace {

template <class T, class Decode, class Encode>
void round_trip(std::string_view bytes, Decode decode, Encode encode) {
  std::optional<T> first = decode(bytes);
  if (!first) return;
  const std::string again = encode(*first);
  std::optional<T> second = decode(again);
  if (!second || encode(*second) != again) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diplograph;
  using namespace diplograph::store;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  round_trip<Event>(bytes, decode_event, [](const Event& e) { return encode_event(e); });
  round_trip<Actor>(bytes, decode_actor, [](const Actor& a) { return encode_actor(a); });
  round_trip<DocRecord>(bytes, decode_doc, [](const DocRecord& d) { return encode_doc(d); });
  round_trip<std::vector<ActorId>>(bytes, decode_ids, encode_ids);
  return 0;
}
