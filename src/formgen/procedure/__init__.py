"""The procedure around the forms: Kazakhstan's working-day calendar, the time
limits of the Rules (data/time_limits.yaml) and the degree of risk of joint
order No. 102/57 (data/risk_criteria.yaml)."""
