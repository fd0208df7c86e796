"""The exchange's actions, the only code that changes its state: the children's tokens
(``access``), a delivery and its conflicts (``receive``), the region's aggregates
(``aggregates``), the mapping to the parent plan (``mapping``) and the links between
instances with each push's record (``links``)."""
