#!/usr/bin/env python3
"""The dashboard in a real headless Chromium (Debian's), driven over its DevTools protocol:
sign in, filter the queue, open a ticket, change its status, read the SLA report and its
chart. Saves a screenshot of each step and fails on any step that does not hold, or on
anything the browser logs as an error (a Content-Security-Policy violation among them).

  browser-check.py BASE_URL NAME PASSWORD SCREENSHOT_DIR

Needs websocket-client (deploy/test.sh installs it into .build/test-tools).
"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import websocket


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="ticketd-chromium-")
        self.process = subprocess.Popen(
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
             "--remote-debugging-port=0", "--user-data-dir=" + self.profile, "--window-size=1280,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().count("\n") >= 1:
                break
            time.sleep(0.1)
        else:
            raise SystemExit("chromium did not open its DevTools port")
        port, path = open(port_file).read().split("\n")[:2]
        self.socket = websocket.create_connection("ws://127.0.0.1:%s%s" % (port, path), timeout=30)
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(domain + ".enable", {}, session=True)
        self.call("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 1000, "deviceScaleFactor": 1, "mobile": False}, session=True)

    def call(self, method, params, session=False):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, seen in enumerate(self.events):
                if seen.get("method") == event:
                    del self.events[: index + 1]
                    return seen
            self.socket.settimeout(max(0.1, deadline - time.time()))
            try:
                self.events.append(json.loads(self.socket.recv()))
            except websocket.WebSocketTimeoutException:
                break
        raise RuntimeError("no %s within %s s" % (event, timeout))

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError("%s: %s" % (expression, result["exceptionDetails"].get("text")))
        return result["result"].get("value")

    def loads(self, action):
        """Runs `action` (an expression that navigates) and waits for the new page."""
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.evaluate(action)
        self.wait_for("Page.loadEventFired")

    def go(self, url):
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_for("Page.loadEventFired")

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=True)["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def errors(self):
        """What the page logged as an error (CSP violations are logged so)."""
        found = []
        for event in self.events:
            if event.get("method") == "Log.entryAdded" and event["params"]["entry"]["level"] == "error":
                found.append(event["params"]["entry"]["text"])
            if event.get("method") == "Runtime.exceptionThrown":
                found.append(event["params"]["exceptionDetails"].get("text", "exception"))
        return found

    def close(self):
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            self.process.wait(10)
            shutil.rmtree(self.profile, ignore_errors=True)


def main():
    base, name, password, shots = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], sys.argv[4]
    os.makedirs(shots, exist_ok=True)
    browser = Browser()
    checks = []

    def check(what, condition):
        checks.append({"check": what, "ok": bool(condition)})
        if not condition:
            raise SystemExit("FAILED: %s (page %s)" % (what, browser.evaluate("location.href")))

    try:
        browser.go(base + "/")
        check("an anonymous visit is sent to the sign-in page", browser.evaluate("location.pathname") == "/login")
        browser.screenshot(os.path.join(shots, "1-sign-in.png"))
        browser.evaluate("document.querySelector('input[name=name]').value = %s" % json.dumps(name))
        browser.evaluate("document.querySelector('input[name=password]').value = %s" % json.dumps(password))
        browser.loads("document.querySelector('form[action=\"/login\"] button').click()")
        check("signing in leads to the queue", browser.evaluate("location.pathname") == "/" and browser.evaluate("!!document.querySelector('table.queue')"))
        rows = browser.evaluate("document.querySelectorAll('table.queue tbody tr[class^=sla-]').length")
        check("the queue lists tickets", rows >= 2)
        check("each row shows its SLA state", browser.evaluate("document.querySelector('table.queue td.sla').textContent.includes('working h')"))
        browser.screenshot(os.path.join(shots, "2-queue.png"))

        subject = browser.evaluate("document.querySelector('table.queue tbody tr td:nth-child(2) a').textContent")
        word = next(part for part in re.split(r"[^A-Za-z]+", subject) if len(part) >= 4)
        browser.evaluate("document.querySelector('input[name=q]').value = %s" % json.dumps(word))
        browser.loads("document.querySelector('form.filters button').click()")
        check("the filter is in the address", browser.evaluate("new URLSearchParams(location.search).get('q')") == word)
        filtered = browser.evaluate("Array.from(document.querySelectorAll('table.queue tbody tr td:nth-child(2)')).map(td => td.textContent)")
        check("the filtered queue shows only matching tickets", filtered and all(word.lower() in text.lower() for text in filtered))
        browser.screenshot(os.path.join(shots, "3-queue-filtered.png"))

        browser.loads("document.querySelector('table.queue tbody tr td:nth-child(2) a').click()")
        check("a ticket opens", browser.evaluate("location.pathname").startswith("/tickets/"))
        check("its thread is shown", browser.evaluate("document.querySelectorAll('section.mail').length") >= 1)
        browser.screenshot(os.path.join(shots, "4-ticket.png"))

        browser.evaluate("document.querySelector('form input[name=verb][value=status]').form.querySelector('select').value = 'open'")
        browser.loads("document.querySelector('form input[name=verb][value=status]').form.querySelector('button').click()")
        check("the status changed to in progress", browser.evaluate("document.querySelector('dd.status').textContent") == "in progress")
        check("the change is in the history", browser.evaluate("document.querySelector('table.events').textContent.includes('open')"))
        browser.screenshot(os.path.join(shots, "5-ticket-in-progress.png"))

        browser.loads("document.querySelector('nav a[href=\"/reports/sla\"]').click()")
        check("the SLA report opens", browser.evaluate("location.pathname") == "/reports/sla")
        check("the report has its chart", browser.evaluate("document.querySelectorAll('figure.chart svg rect.met').length") >= 1)
        check("the report has its table", browser.evaluate("document.querySelectorAll('table.report tbody tr').length") >= 1)
        browser.screenshot(os.path.join(shots, "6-sla-report.png"))

        check("the browser logged no error (no CSP violation)", not browser.errors())
    finally:
        print(json.dumps(checks))
        browser.close()


if __name__ == "__main__":
    main()
