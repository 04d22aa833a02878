"""`twilio-explorer scan`: every Twilio REST client in a codebase, the host its library version builds, the
verdict and the fix. Pure: it reads files and never runs or imports them; the faces render `ScanReport`.

    report = scan(Path("."))
    report.to_rows(), report.to_json(), to_sarif(report)
"""
