-- The resource samples each run was analysed with (SampleCodec), so a pipeline's report over
-- its runs and a re-opened run are analysed with them again. NULL for runs stored before.
ALTER TABLE runs ADD COLUMN resource_samples ${blob};
