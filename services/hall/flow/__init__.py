"""One flow for every applicant service of the service hall (issue 12, item 6; decision 0115).

form (one page, or a task list of sections) → 核对信息 with 修改 links → declaration → the service's own
action → 提交成功 with the 办件编号, what happens next and the guide's time limit → one receipt to the inbox and
by e-mail → the case or centre page.

- `spec`: what a flow declares (sections, file slots, the form, the action, the number, the case page);
- `flows`: the declarations of the seven services' flows (the 筹建申请 keeps its own pages);
- `drafts`: the answers and files kept between pages (services.hall.models.ServiceDraft);
- `submission`: the submission action (declaration, the service's action, the receipt);
- `views`, `urls`: the pages.
"""
