"""Use cases of 志愿积分 and 积分超市: rules, activities, the ledger, goods, stock, redemptions, receipts."""
