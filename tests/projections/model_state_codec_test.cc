// The call_sessions model stores calls in the binary layout, but a model written before holds
// them as JSON: queries read both, and what they read is the call that was stored.
#include <catch2/catch.hpp>

#include "domain/call_decider.h"
#include "projections/call_sessions_projection.h"
#include "projections/entity_scan.h"
#include "tests/support/temp_dir.h"

namespace sb::testing {
namespace {

using projections::CallSessionsProjection;
using projections::ModelReader;

TEST_CASE("a call model holding JSON states from before the binary layout still reads",
          "[projections]") {
  TempDir dir;
  auto store = es::EventStore::Open(dir.path());
  REQUIRE(store.ok());
  REQUIRE((*store)->CreateReadModelGeneration("call_sessions@1").ok());

  domain::CallState old_call;
  old_call.exists = true;
  old_call.status = domain::CallStatus::kCompleted;
  old_call.lead_id = "lead-1";
  old_call.initiated_at = 1'780'000'000'000'000;
  old_call.ended_at = old_call.initiated_at + 5'000'000;
  domain::CallState new_call = old_call;
  new_call.status = domain::CallStatus::kRinging;
  new_call.ended_at.reset();

  es::ReadModelBatch batch;
  batch.key_prefix = "call_sessions@1/";
  batch.Put(projections::StateKey("acme", "call-old"), domain::CallDecider::EncodeState(old_call));
  batch.Put(projections::StateKey("acme", "call-new"),
            projections::ModelStateCodec<domain::CallDecider>::Encode(new_call));
  REQUIRE((*store)->WriteReadModel(batch).ok());

  ModelReader model(store->get(), "call_sessions@1/");
  auto loaded_old = CallSessionsProjection::Load(model, "acme", "call-old");
  auto loaded_new = CallSessionsProjection::Load(model, "acme", "call-new");
  REQUIRE(loaded_old.ok());
  REQUIRE(loaded_new.ok());
  REQUIRE(loaded_old->has_value());
  REQUIRE(loaded_new->has_value());
  CHECK(**loaded_old == old_call);
  CHECK(**loaded_new == new_call);

  std::map<std::string, domain::CallState> scanned;
  REQUIRE(projections::ScanEntities<domain::CallDecider>(
              model, "acme",
              [&](const std::string& id, const domain::CallState& state) {
                scanned[id] = state;
                return true;
              })
              .ok());
  CHECK(scanned ==
        std::map<std::string, domain::CallState>{{"call-new", new_call}, {"call-old", old_call}});
}

}  // namespace
}  // namespace sb::testing
