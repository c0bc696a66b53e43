"""best_first: the top k of an array of scores, with ties to the earlier position."""

import numpy as np

from index.ranking import best_first


def test_best_first_orders_by_value_then_position():
    values = np.array([0.5, 0.9, 0.5, 0.1, 0.9, 0.5])
    assert best_first(values, 10).tolist() == [1, 4, 0, 2, 5, 3]
    assert best_first(values, 3).tolist() == [1, 4, 0]  # of the three tied 0.5s, the earliest


def test_a_shorter_list_is_the_start_of_a_longer_one():
    values = np.random.default_rng(0).integers(0, 5, size=200).astype(np.float32)  # many ties
    full = best_first(values, 200).tolist()
    for k in (1, 7, 40, 199):
        assert best_first(values, k).tolist() == full[:k]
