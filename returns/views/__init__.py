"""The returns pages: the customer's (customer.py), the files of a return
(files.py) and the returns desk, one view per step (desk.py). Each view
declares its policy (partner_portal.policy)."""
