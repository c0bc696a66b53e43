"""Loading the embedding model prints nothing: no third-party progress bar on any command's output."""

from index.embedder import Embedder


def test_loading_the_model_prints_no_progress_bar(capfd):
    embedder = Embedder()  # a cold one: the session's is loaded already
    assert len(embedder.embed_query("What did Chen Shaobo say about talent?")) == 384
    out, err = capfd.readouterr()
    assert (out, err) == ("", ""), err  # before: "Loading weights: 100%|██████████| 103/103 …" on stderr
