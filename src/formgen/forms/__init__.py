"""The forms: what each one is (registry), the fields of its case data (schemas),
its legal wording (wording), and the values its templates print (the context
of audit documents, reports and the checklist).

Nothing here renders a file or imports a rendering back end: the render
package turns a form's context into bytes.
"""

from .registry import FORMS, FormSpec, get_form, validate

__all__ = ["FORMS", "FormSpec", "get_form", "validate"]
