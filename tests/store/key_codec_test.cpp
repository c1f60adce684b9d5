#include <catch2/catch.hpp>

#include <rocksdb/db.h>

#include <algorithm>
#include <climits>

#include "diplograph/graph_store.hpp"
#include "store/key_codec.hpp"
#include "store/records.hpp"
#include "store/store_fixtures.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::store;
using namespace diplograph::test;

TEST_CASE("KeyCodec: day keys sort in time order, negative days first", "[store]") {
  std::vector<std::int32_t> days = {INT32_MIN, -100000, -1, 0, 1, 18855, INT32_MAX};
  std::vector<std::string> keys;
  for (auto d : days) {
    keys.push_back(adj_seek_key(42, d));
    CHECK(decode_day(encode_day(d)) == d);
  }
  CHECK(std::is_sorted(keys.begin(), keys.end()));
  CHECK(encode_day(0) == 0x80000000u);
}

TEST_CASE("KeyCodec: adj and pair keys round trip with the documented widths", "[store]") {
  AdjEntry e{0x0102030405060708ull, -5, EventType::kHost, false, 77, EventId{9, 10},
             EventStatus::kPlanned, DatePrecision::kMonth};
  std::string key = adj_key(e);
  REQUIRE(key.size() == 39);
  CHECK(key.substr(0, 8) == std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
  CHECK(adj_value(e).size() == 2);
  auto back = decode_adj(key, adj_value(e));
  REQUIRE(back);
  CHECK(back->actor == e.actor);
  CHECK(back->day == -5);
  CHECK(back->type == EventType::kHost);
  CHECK_FALSE(back->outgoing);
  CHECK(back->other == 77);
  CHECK(back->event == EventId{9, 10});
  CHECK(back->status == EventStatus::kPlanned);
  CHECK(back->precision == DatePrecision::kMonth);
  CHECK_FALSE(decode_adj(key.substr(1), adj_value(e)));

  PairRow r{3, 9, 100, EventType::kCall, EventId{1, 2}, EventStatus::kDenied, DatePrecision::kDay,
            false};
  std::string pk = pair_key(r);
  REQUIRE(pk.size() == 38);
  CHECK(pk.substr(0, 20) == pair_seek_key(9, 3, 100));  // argument order does not matter
  auto pr = decode_pair(pk, pair_value(r));
  REQUIRE(pr);
  CHECK(pr->lower == 3);
  CHECK(pr->higher == 9);
  CHECK_FALSE(pr->lower_is_source);
  CHECK(pr->status == EventStatus::kDenied);
  CHECK(time_key(100, EventId{1, 2}).size() == 20);
}

TEST_CASE("GraphStore: undecodable records are kCorruption", "[store]") {
  TempDir dir;
  Afghanistan2021 g;
  Event call = make_event(EventType::kCall, g.lavrov, &g.blinken, day(2021, 8, 16));
  {
    auto store = GraphStore::open(dir.str());
    REQUIRE(store);
    REQUIRE(g.ingest(**store));
  }
  {
    // Overwrite the call's record with bytes that are not CBOR, behind the store's back.
    std::vector<rocksdb::ColumnFamilyDescriptor> families = {
        {rocksdb::kDefaultColumnFamilyName, {}}, {kCfActor, {}}, {kCfAlias, {}}, {kCfEvent, {}},
        {kCfAdj, {}}, {kCfPair, {}}, {kCfTime, {}}, {kCfDoc, {}}, {kCfMeta, {}}};
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), dir.str(), families, &handles, &db).ok());
    REQUIRE(db->Put(rocksdb::WriteOptions(), handles[3], event_key(call.id), "\xff\x00garbage").ok());
    for (auto* h : handles) REQUIRE(db->DestroyColumnFamilyHandle(h).ok());
    delete db;
  }
  auto store = GraphStore::open(dir.str(), StoreOptions{true, false});
  REQUIRE(store);
  auto e = (*store)->get_event(call.id);
  REQUIRE_FALSE(e);
  CHECK(e.error().code() == StatusCode::kCorruption);
  Status s = (*store)->for_each_event([](const Event&) { return true; });
  CHECK(s.code() == StatusCode::kCorruption);
}

TEST_CASE("Records: CBOR decoders reject junk without throwing", "[store]") {
  CHECK_FALSE(decode_actor(""));
  CHECK_FALSE(decode_event("not cbor"));
  CHECK_FALSE(decode_doc(encode_ids({1, 2})));  // valid CBOR, wrong shape
  auto ids = decode_ids(encode_ids({1, 2, 0xffffffffffffffffull}));
  REQUIRE(ids);
  CHECK(*ids == std::vector<ActorId>{1, 2, 0xffffffffffffffffull});
}
