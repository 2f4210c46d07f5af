create table flyway_items (id number(10) primary key, name varchar2(40) not null);
insert into flyway_items values (1, 'one');
insert into flyway_items values (2, 'two');
