-- version.sql: farm_version(), the extension's version (the one
-- farmorm.control declares), and the exact list of functions the module
-- registers (name, arity, flags), so that a missing or extra function is
-- noticed.

select 'matches-control', instr(CAST(readfile('fixtures/farmorm.control') AS TEXT),
	'default_version = ''' || farm_version() || '''') > 0;
select 'deterministic', farm_version() = farm_version();
select 'shape', farm_version() glob '[0-9]*.[0-9]*.[0-9]*';
select farm_version(1);
-- name|arity|deterministic|directonly|innocuous
select name, narg, (flags & 0x800) <> 0, (flags & 0x80000) <> 0, (flags & 0x200000) <> 0
	from pragma_function_list where name like 'farm\_%' escape '\' order by name, narg;
