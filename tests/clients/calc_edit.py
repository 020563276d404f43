"""Edit an XLSX in LibreOffice Calc as a person would, then save it: run by the system python3 (python3-uno).

    python3 calc_edit.py IN.xlsx OUT.xlsx EDITS.json

EDITS: a list of steps on the first visible sheet: ["insert", row] inserts an empty row before `row` (1-based,
Calc copies the formatting and shifts formulas as for a person), ["set", "D19", value] types a number or text.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(source, target, edits):
    pipe = f"formgen-{uuid.uuid4().hex}"
    profile = tempfile.mkdtemp(prefix="formgen-calc-")
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                               f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
        for _ in range(200):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.1)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0,
                                           (prop("Hidden", True),))
        sheet = next(s for s in (doc.Sheets.getByIndex(i) for i in range(doc.Sheets.Count)) if s.IsVisible)
        for step in edits:
            if step[0] == "insert":
                sheet.Rows.insertByIndex(step[1] - 1, 1)
            elif step[0] == "set":
                cell = sheet.getCellRangeByName(step[1])
                if isinstance(step[2], (int, float)):
                    cell.setValue(step[2])
                else:
                    cell.setString(step[2])
        doc.calculateAll()
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
    finally:
        office.terminate()
        office.wait(30)
        subprocess.run(["rm", "-rf", profile])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], json.loads(open(sys.argv[3]).read()))
