"""Findings as JUnit XML for CI dashboards: a testsuite per file, a testcase per finding.

Errors and warnings are failures; info findings pass with their message in
system-out; a file with no finding gets one passing testcase so it shows as
checked. No timestamps or durations.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..check.findings import CheckResult, Finding, Severity

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", text)


def _detail(f: Finding) -> str:
    return _clean(f"{f.path}:{f.line}:{f.column}: {f.code} {f.severity.value} {f.message}\n{f.claim}\n"
                  f"fingerprint {f.fingerprint}, confidence {f.confidence}")


def render_junit(result: CheckResult) -> str:
    paths = list(dict.fromkeys([a.path for a in result.articles] + [f.path for f in result.findings]))
    failing = [f for f in result.findings if f.severity is not Severity.info]
    root = ET.Element("testsuites", {"name": "claimcheck", "tests": "0", "failures": str(len(failing)),
                                     "errors": "0"})
    total = 0
    for path in paths:
        findings = [f for f in result.findings if f.path == path]
        fails = sum(f.severity is not Severity.info for f in findings)
        tests = max(1, len(findings))
        total += tests
        suite = ET.SubElement(root, "testsuite", {"name": _clean(path), "tests": str(tests),
                                                  "failures": str(fails), "errors": "0", "skipped": "0"})
        if not findings:
            ET.SubElement(suite, "testcase", {"classname": _clean(path), "name": "no findings", "file": _clean(path)})
        for f in findings:
            case = ET.SubElement(suite, "testcase", {
                "classname": _clean(path), "name": _clean(f"{f.code} {f.rule} at {f.line}:{f.column} ({f.fingerprint})"),
                "file": _clean(path), "line": str(f.line)})
            if f.severity is Severity.info:
                ET.SubElement(case, "system-out").text = _detail(f)
            else:
                failure = ET.SubElement(case, "failure", {"message": _clean(f.message),
                                                          "type": f"{f.code} {f.severity.value}"})
                failure.text = _detail(f)
    root.set("tests", str(total))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
