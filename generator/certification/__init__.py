"""A course filed for iCAP's 職能導向課程品質認證: the trainer's plan, the course's units, the
planning report (職能導向課程規劃與執行報告書) and the checks its reviewers make."""
