"""charts.show sends what st.altair_chart would send, and builds each chart once per input."""

import json

from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest


def draw_both_ways():
    import pandas as pd
    import streamlit as st

    from ui import charts

    groups = pd.DataFrame({
        "group_code": ["KL", "K1"], "name_id": ["Kelembagaan", "Klaster I"], "name_en": [None, "Cluster I"],
        "points": [80.5, 40.0], "max_points": [200, 100], "position": [1, 2]})
    st.altair_chart(charts.group_bars(groups, "id"), alt="bars")
    charts.show(charts.group_bars, groups, "id", alt_text="bars")


def test_show_sends_the_same_chart_as_altair_chart():
    at = AppTest.from_function(draw_both_ways).run()
    assert not at.exception
    by_altair, by_show = at.get("vega_lite_chart")
    assert sent(by_show.proto) == sent(by_altair.proto)
    assert (by_show.proto.alt, by_show.proto.theme) == (by_altair.proto.alt, by_altair.proto.theme)


def count_builds():
    import pandas as pd
    import streamlit as st

    from ui import charts

    def counted_bars(frame, lang):
        st.session_state["builds"] = st.session_state.get("builds", 0) + 1
        return charts.case_trend(frame, lang)

    year = st.session_state.get("year", 2023)
    frame = pd.DataFrame({"year": [year, 2024], "group": ["A", "A"], "count": [13, 14], "shown": ["13", "14"],
                          "order": [1, 1]})
    charts.show(counted_bars, frame, "id", alt_text="trend")


def test_a_chart_is_built_once_per_input():
    at = AppTest.from_function(count_builds).run()
    at.run()
    at.run()
    assert at.session_state["builds"] == 1
    at.session_state["year"] = 2022
    at.run()
    assert at.session_state["builds"] == 2
    assert not at.exception


def sent(proto) -> tuple[dict, list]:
    """The specification with each dataset's name replaced by its position, and the datasets'
    rows (the two routes name the same data differently)."""
    spec = proto.spec
    for position, dataset in enumerate(proto.datasets):
        spec = spec.replace(dataset.name, f"dataset-{position}")
    rows = [convert_arrow_bytes_to_pandas_df(d.data.data).to_dict("records") for d in proto.datasets]
    return json.loads(spec), rows


def test_a_hidden_year_of_the_case_trend_is_labelled_not_blank():
    import pandas as pd

    from ui import charts

    frame = pd.DataFrame({"year": [2021, 2021, 2022, 2022], "group": ["Perempuan dewasa", "Anak"] * 2,
                          "count": pd.array([120, None, None, None], dtype="Int64"),
                          "shown": ["120", "x", "<5", "0-4"], "order": [1, 2, 1, 2]})
    spec = charts.case_trend(frame, "id").to_dict()
    rows = [row for dataset in spec["datasets"].values() for row in dataset if "label" in row]
    assert rows == [{"year_text": "2021", "top": 120.0, "label": "Anak: x"},
                    {"year_text": "2022", "top": 0.0, "label": "Perempuan dewasa: <5; Anak: 0-4"}]
    assert spec["layer"][0]["encoding"]["x"]["sort"] == ["2021", "2022"]  # the hidden year keeps its column
