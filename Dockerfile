# Transformer Lessons in a container, for hosting elsewhere (see README, "Hosting for a class").
# One container = one Streamlit server; its model workers use the container's cores (TL_WORKERS, one per
# core by default). For more learners run several containers behind a load balancer with sticky sessions.
#
#   docker build -t transformer-lessons .
#   docker run --rm -p 8501:8501 transformer-lessons
#
# PyPI's torch wheel for Linux bundles CUDA (gigabytes); pass PyTorch's CPU-only wheel index as
# PIP_EXTRA_INDEX_URL at build time for a small image: docker build --build-arg PIP_EXTRA_INDEX_URL=… .
FROM python:3.11-slim-bookworm

ARG PIP_EXTRA_INDEX_URL=""
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_EXTRA_INDEX_URL=${PIP_EXTRA_INDEX_URL}

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .

RUN useradd --create-home --uid 10001 learner
USER learner

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501", \
     "--server.headless", "true", "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
