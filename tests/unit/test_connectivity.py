"""The connectivity state machine (issue 10): transitions on health checks and real calls, the
health checks' backoff, the backlog and its oldest item's age, the backlog limits; and the
monitor that drives it, with a scripted health check (no network)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from clerkapp.app.connectivity import (
    BacklogLevel,
    BacklogLimits,
    Backoff,
    CallResult,
    Connectivity,
    ConnectivityMachine,
    Link,
    Phase,
    classify,
)
from clerkapp.app.connectivity_watch import ConnectivityMonitor
from clerkapp.infra.platform.probe import SANDBOX_SERVICE, Probe, ProbeResult

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def test_starts_connecting_with_nothing_queued() -> None:
    state = ConnectivityMachine().state
    assert state.link is Link.CONNECTING and state.phase is Phase.CONNECTING
    assert state.queued == 0 and state.oldest_age(T0) is None and not state.reachable


@pytest.mark.parametrize(
    ("result", "link"),
    [
        (CallResult.OK, Link.ONLINE),
        (CallResult.SLOW, Link.DEGRADED),
        (CallResult.SERVER_ERROR, Link.DEGRADED),
        (CallResult.UNREACHABLE, Link.OFFLINE),
    ],
)
def test_each_outcome_sets_its_link(result: CallResult, link: Link) -> None:
    machine = ConnectivityMachine()
    assert machine.observe(result, T0)
    assert machine.state.link is link and machine.state.since == T0


def test_the_newest_evidence_wins_both_ways() -> None:
    machine = ConnectivityMachine()
    machine.observe(CallResult.OK, T0)
    assert machine.observe(CallResult.UNREACHABLE, T0 + timedelta(seconds=1))
    assert machine.state.link is Link.OFFLINE
    # one answer after the outage is enough
    assert machine.observe(CallResult.OK, T0 + timedelta(seconds=9))
    assert machine.state.link is Link.ONLINE and machine.state.since == T0 + timedelta(seconds=9)
    # the same evidence again is no change (the header is not redrawn)
    assert not machine.observe(CallResult.OK, T0 + timedelta(seconds=10))
    assert machine.state.since == T0 + timedelta(seconds=9)


def test_syncing_is_online_with_work_queued() -> None:
    machine = ConnectivityMachine()
    machine.observe(CallResult.OK, T0)
    assert machine.set_backlog(12, T0 - timedelta(minutes=3))
    assert machine.state.phase is Phase.SYNCING
    machine.observe(CallResult.SERVER_ERROR, T0)
    assert machine.state.phase is Phase.DEGRADED  # not "syncing" while it fails
    machine.observe(CallResult.UNREACHABLE, T0)
    assert machine.state.phase is Phase.OFFLINE
    machine.observe(CallResult.OK, T0)
    machine.set_backlog(0, None)
    assert machine.state.phase is Phase.ONLINE


def test_oldest_age_follows_the_clock_and_goes_with_the_queue() -> None:
    machine = ConnectivityMachine()
    machine.set_backlog(4, T0)
    state = machine.state
    assert state.oldest_age(T0 + timedelta(minutes=2)) == timedelta(minutes=2)
    assert state.oldest_age(T0 - timedelta(seconds=5)) == timedelta(0)  # never negative
    machine.set_backlog(0, T0)  # an oldest time with nothing queued is dropped
    assert machine.state.oldest_at is None and machine.state.oldest_age(T0) is None


def test_backoff_doubles_while_away_and_resets_on_an_answer() -> None:
    machine = ConnectivityMachine(Backoff(steady_s=5.0, initial_s=0.5, max_s=8.0))
    assert machine.next_check_in() == 0.5  # connecting: check soon
    delays = []
    for _ in range(7):
        machine.observe(CallResult.UNREACHABLE, T0)
        delays.append(machine.next_check_in())
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    machine.observe(CallResult.OK, T0)
    assert machine.next_check_in() == 5.0 and machine.state.failures == 0
    machine.observe(CallResult.SERVER_ERROR, T0)  # degraded backs off too
    assert machine.next_check_in() == 0.5


def test_classify_real_calls() -> None:
    assert classify(None, 0.01, 3.0) is CallResult.UNREACHABLE
    assert classify(503, 0.01, 3.0) is CallResult.SERVER_ERROR
    assert classify(200, 3.5, 3.0) is CallResult.SLOW
    assert classify(200, 0.2, 3.0) is CallResult.OK
    assert classify(404, 0.2, 3.0) is CallResult.OK  # the platform answered: it is there


def test_backlog_limits() -> None:
    limits = BacklogLimits(warn_items=50, warn_minutes=30)
    assert limits.level(0, timedelta(hours=5)) is BacklogLevel.NORMAL
    assert limits.level(49, timedelta(minutes=29)) is BacklogLevel.NORMAL
    assert limits.level(50, timedelta(minutes=1)) is BacklogLevel.WARN
    assert limits.level(3, timedelta(minutes=30)) is BacklogLevel.WARN
    assert limits.level(50, timedelta(minutes=30)) is BacklogLevel.ALERT  # both
    assert limits.level(100, None) is BacklogLevel.ALERT  # twice the items
    assert limits.level(1, timedelta(minutes=60)) is BacklogLevel.ALERT  # twice the age
    off = BacklogLimits(warn_items=0, warn_minutes=0)
    assert off.level(10_000, timedelta(days=3)) is BacklogLevel.NORMAL
    state = Connectivity(queued=60, oldest_at=T0)
    assert state.backlog_level(T0 + timedelta(minutes=5), limits) is BacklogLevel.WARN


def test_instance_first_is_ours_another_is_noticed() -> None:
    machine = ConnectivityMachine()
    assert machine.observe_instance("aaaa")
    assert not machine.state.instance_changed
    assert not machine.observe_instance("aaaa")
    assert machine.observe_instance("bbbb")
    assert machine.state.instance == "bbbb" and machine.state.instance_changed


class Script:
    """A health check that answers what the test says, and counts the checks."""

    def __init__(self) -> None:
        self.answer = Probe(ProbeResult.REFUSED, 0.0)
        self.checks = 0

    def __call__(self, url: str) -> Probe:
        self.checks += 1
        return self.answer


def sandbox_answer(instance: str, elapsed: float = 0.01) -> Probe:
    body = {"status": "ok", "service": SANDBOX_SERVICE, "instance": instance}
    return Probe(ProbeResult.HEALTHY, elapsed, body)


def test_monitor_health_checks_in_training_want_a_sandbox() -> None:
    script = Script()
    monitor = ConnectivityMonitor(lambda: (0, None), lambda: T0, expect_sandbox=True, check=script)
    monitor.start("http://127.0.0.1:1")
    monitor.stop()  # the checks below run on this thread, one by one
    assert monitor.check_once().link is Link.OFFLINE  # refused
    script.answer = Probe(ProbeResult.HEALTHY, 0.01, {"status": "ok"})  # not a sandbox
    assert monitor.check_once().link is Link.OFFLINE
    script.answer = Probe(ProbeResult.FOREIGN, 0.01)
    assert monitor.check_once().link is Link.OFFLINE
    script.answer = sandbox_answer("inst-1")
    state = monitor.check_once()
    assert state.link is Link.ONLINE and state.instance == "inst-1"
    script.answer = sandbox_answer("inst-1", elapsed=5.0)
    assert monitor.check_once().link is Link.DEGRADED  # slow
    script.answer = Probe(ProbeResult.SERVER_ERROR, 0.01)
    assert monitor.check_once().link is Link.DEGRADED
    script.answer = sandbox_answer("inst-2")
    state = monitor.check_once()
    assert state.link is Link.ONLINE and state.instance_changed


def test_monitor_in_production_takes_any_healthy_platform() -> None:
    script = Script()
    script.answer = Probe(ProbeResult.HEALTHY, 0.01, {"status": "ok", "training": False})
    monitor = ConnectivityMonitor(lambda: (0, None), lambda: T0, check=script)
    monitor.start("https://platform.example")
    monitor.stop()
    assert monitor.check_once().link is Link.ONLINE


def test_monitor_runs_checks_tells_listeners_and_calls_back_when_the_platform_returns() -> None:
    script = Script()
    queue = {"n": 3}
    back = threading.Event()
    seen: list[Connectivity] = []
    changed = threading.Condition()

    def listener(state: Connectivity) -> None:
        with changed:
            seen.append(state)
            changed.notify_all()

    def wait_for(predicate: object) -> Connectivity:
        with changed:
            assert changed.wait_for(lambda: seen and predicate(seen[-1]), timeout=10)  # type: ignore[operator]
            return seen[-1]

    monitor = ConnectivityMonitor(
        lambda: (queue["n"], T0),
        lambda: T0 + timedelta(minutes=2),
        expect_sandbox=True,
        check=script,
        backoff=Backoff(steady_s=0.05, initial_s=0.02, max_s=0.05),
        on_back=back.set,
    )
    monitor.add_listener(listener)
    monitor.start("http://127.0.0.1:1")
    try:
        state = wait_for(lambda s: s.link is Link.OFFLINE and s.queued == 3)
        assert state.oldest_age(T0 + timedelta(minutes=2)) == timedelta(minutes=2)
        checks = script.checks
        script.answer = sandbox_answer("inst-1")
        wait_for(lambda s: s.phase is Phase.SYNCING)
        assert script.checks > checks  # found by a health check, not told
        assert back.wait(5)  # the queue is sent now
        queue["n"] = 0
        monitor.refresh_backlog()
        wait_for(lambda s: s.phase is Phase.ONLINE)
        # a real call's connection error: offline at once, without waiting for a check
        script.answer = Probe(ProbeResult.REFUSED, 0.0)
        monitor.report_call(None, 0.01)
        assert monitor.state.link is Link.OFFLINE
        back.clear()
        monitor.report_call(200, 0.01)  # a real call's answer: online, and the queue goes
        assert monitor.state.link is Link.ONLINE and back.wait(5)
    finally:
        monitor.stop()
    assert not monitor.running
