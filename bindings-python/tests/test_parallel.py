"""The thread setting (touchpoint.set_threads / threads): results do not depend on it."""

import json

import pytest

import touchpoint

KINDS = ["page_view", "add_to_cart", "purchase", "survey_response", "email_open"]
CHANNELS = ["web", "app", "email", "store"]
START = 1_767_225_600_000  # 2026-01-01


def events(customers):
    """Several events for each of `customers` customers: more than one range of customers."""
    out = []
    for c in range(customers):
        for i in range(1 + c % 7):
            kind = KINDS[(c * 7 + i * 3) % 5]
            e = {
                "customer_id": f"c{c}",
                "timestamp": START + ((c * 13 + i * 29) % 90) * 86_400_000 + i * 60_000,
                "channel": CHANNELS[(c + i) % 4],
                "kind": kind,
            }
            if kind == "purchase":
                e["value"] = (c % 97) * 0.37 + 1.0
            if kind == "survey_response":
                e["survey"] = {"metric": "nps", "score": (c + i) % 11}
            out.append(e)
    return out


@pytest.fixture(autouse=True)
def every_core_afterwards():
    yield
    touchpoint.set_threads(0)


def test_one_thread_and_every_core_give_the_same_reports():
    ds = touchpoint.Dataset.from_events(events(6_000))
    options = {"funnel": {"steps": ["page_view", "add_to_cart", "purchase"]}}

    def reports():
        return json.dumps([ds.overview(options), ds.sessions({"by_channel": True}), ds.retention()], sort_keys=True, default=str)

    touchpoint.set_threads(1)
    assert touchpoint.threads() == 1
    one = reports()
    touchpoint.set_threads(0)
    assert touchpoint.threads() >= 1
    assert reports() == one
    touchpoint.set_threads(3)
    assert touchpoint.threads() == 3
    assert reports() == one


@pytest.mark.parametrize("bad", [-1, 1025, 2**70])
def test_a_count_out_of_range_is_a_config_error(bad):
    with pytest.raises(touchpoint.ConfigError) as e:
        touchpoint.set_threads(bad)
    assert e.value.code == "INVALID_CONFIG" and e.value.field == "threads"


@pytest.mark.parametrize("bad", [1.5, "2", None, True])
def test_a_count_that_is_not_an_int_is_an_argument_error(bad):
    with pytest.raises(touchpoint.ArgumentError) as e:
        touchpoint.set_threads(bad)
    assert e.value.field == "threads"


def _overview_in_child(queue):
    ds = touchpoint.Dataset.from_events(events(3_000))
    queue.put(json.dumps(ds.overview(), sort_keys=True, default=str))


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork() here")
@pytest.mark.parametrize("setting", [0, 2])
def test_a_forked_child_runs_analyses_on_a_pool_of_its_own(setting):
    import multiprocessing

    touchpoint.set_threads(setting)
    ds = touchpoint.Dataset.from_events(events(3_000))
    here = json.dumps(ds.overview(), sort_keys=True, default=str)  # the parent's pool is running
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_overview_in_child, args=(queue,))
    child.start()
    child.join(60)
    alive = child.is_alive()
    if alive:
        child.kill()
    assert not alive, "the forked child hung in its first parallel analysis"
    assert child.exitcode == 0
    assert queue.get(timeout=5) == here
