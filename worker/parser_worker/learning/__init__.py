"""Learned models: which layout a file has and which field each column holds, with calibrated
confidence (a stated 0.8 is right about 80 % of the time on files the models never saw).

``features`` turns columns and files into what the models read, ``corpus`` makes and reads the
labelled corpus they learn from (worker/corpus), ``models`` trains, calibrates, saves and applies
them, ``evaluation`` measures them on the held-out part of the corpus.
"""
