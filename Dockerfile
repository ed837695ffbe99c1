# The official Odoo 18.0 image with what the addon needs, so that a container starts without installing
# anything. docker-compose.yml builds both targets and mounts this repository at /mnt/tcd.
#   serve   Odoo 18.0 + the addon's Python requirements (requirements.txt) and Liberation Serif, the letters' font
#           where Times New Roman is not installed
#   tests   + the test tools (requirements-dev.txt), poppler and zbar to read the letters and their QR codes,
#           and Chromium for the browser tours
FROM odoo:18.0 AS serve
USER root
COPY requirements.txt /opt/tcd/requirements.txt
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-liberation2 \
    && rm -rf /var/lib/apt/lists/* \
    && pip3 install --no-cache-dir --break-system-packages -r /opt/tcd/requirements.txt
USER odoo

FROM serve AS tests
USER root
COPY requirements-dev.txt /opt/tcd/requirements-dev.txt
# The image's distribution ships Chromium only as a snap: the tours take Playwright's build of it.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends poppler-utils zbar-tools \
    && pip3 install --no-cache-dir --break-system-packages -r /opt/tcd/requirements-dev.txt playwright \
    && PLAYWRIGHT_BROWSERS_PATH=/opt/playwright python3 -m playwright install --with-deps chromium \
    && ln -s "$(find /opt/playwright -path '*chrome-linux/chrome' -type f | head -n 1)" /usr/local/bin/chromium \
    && rm -rf /var/lib/apt/lists/*
USER odoo
