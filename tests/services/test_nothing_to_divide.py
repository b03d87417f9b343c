"""A rate with nothing to divide by is null in `stats --json` and “—” on the cards, never a made-up 0.0."""

import json

from tests.ui.conftest import make_window, messages  # noqa: F401  (fixtures of the page tests)
from villagedesk import cli
from villagedesk.services.stats import compute_stats


def test_empty_village_rates_are_null(store, db_path, capsys):
    values = compute_stats(store)
    assert values["worker_party_share"] is None and values["insurance_enrolment_rate"] is None
    store.close()
    assert cli.main(["--db", str(db_path), "stats", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["worker_party_share"] is None and printed["insurance_enrolment_rate"] is None


def test_empty_village_cards_show_a_dash(make_window, store):  # noqa: F811 (the fixture imported above)
    window = make_window(store)
    assert window.show_page("grids").cards["party"].text == "—"
    assert window.show_page("households").cards["insurance_enrolment_rate"].text == "—"


def test_stats_text_shows_a_dash_for_no_rate_and_money_with_two_decimals(store, db_path, capsys):
    store.close()
    assert cli.main(["--db", str(db_path), "stats"]) == 0
    lines = dict(line.split("：", 1) for line in capsys.readouterr().out.splitlines())
    assert lines["网格员党员占比（worker_party_share）"] == "—" and lines["医保参保率（insurance_enrolment_rate）"] == "—"
    money = {k: v for k, v in lines.items() if "_yuan）" in k}
    assert len(money) == 3 and set(money.values()) == {"0.00"}
    assert cli.main(["--db", str(db_path), "stats", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert all(isinstance(printed[k], float) for k in printed if k.endswith("_yuan"))
