"""Chat: the answer engine. A question becomes retrieval, then a grounded answer of verbatim, cited quotes; also quote checks and overviews."""
